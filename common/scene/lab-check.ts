/**
 * What the schema alone cannot check in a lab: unique names, ranges, every expression's syntax,
 * names and type, and that controls point at variables of the right type. Each issue names the
 * JSON path and says what to do.
 */
import type { FieldIssue } from '../errors.ts'
import type { Lab, LabVariable } from './lab-schema.ts'
import type { LabAction } from './lab-actions.ts'
import type { LabObject } from './lab-objects.ts'
import type { Part } from './lab-parts.ts'
import { buildLabScope, RESERVED_NAMES, timerRunningName } from './lab-scope.ts'
import { compileSource, type SlotScope, type ValueType } from './expr/expression.ts'

type Issue = FieldIssue

/** Checks one expression field; numbers and booleans written as JSON literals need no check. */
function checkValue(
  issues: Issue[],
  path: string,
  value: unknown,
  scope: SlotScope,
  expected: ValueType,
  laterDerived: ReadonlySet<string> = new Set(),
): void {
  if (typeof value !== 'string') return
  const r = compileSource(value, scope, expected)
  if (r.ok) return
  let message = r.error.message
  const unknown = /^unknown variable "([^"]+)"/.exec(message)
  if (unknown && laterDerived.has(unknown[1]!)) {
    message = `"${unknown[1]}" is defined further down in lab.derived; move it above this one`
  }
  issues.push({ path, message: `expression "${value}": ${message} (column ${r.error.column})` })
}

function checkVariable(issues: Issue[], v: LabVariable, path: string): void {
  if (v.type !== 'number') return
  const unit = v.unit ? ` ${v.unit}` : ''
  if (v.min >= v.max) {
    issues.push({ path: `${path}.max`, message: `is ${v.max}, but must be greater than min (${v.min})` })
    return
  }
  if (v.initial < v.min || v.initial > v.max) {
    issues.push({
      path: `${path}.initial`,
      message: `is ${v.initial}${unit}, outside the range ${v.min} to ${v.max}${unit}; change initial or the range`,
    })
  }
  if (v.step !== undefined && v.step > v.max - v.min) {
    issues.push({ path: `${path}.step`, message: `is larger than the whole range (${v.max - v.min}${unit})` })
  }
}

function nameHint(name: string, known: Iterable<string>): string {
  const all = [...known]
  const close = all.find((k) => k.toLowerCase() === name.toLowerCase() || k.startsWith(name) || name.startsWith(k))
  return close ? `; did you mean "${close}"?` : all.length ? ` (variables: ${all.join(', ')})` : ''
}

/** Checks that a control or action names a variable of the wanted type. */
function checkVarRef(
  issues: Issue[],
  path: string,
  name: string,
  lab: Lab,
  want: ValueType | 'any',
): LabVariable | undefined {
  const v = lab.variables.find((x) => x.id === name)
  if (!v) {
    const names = lab.variables.map((x) => x.id)
    issues.push({
      path,
      message: `there is no variable "${name}"${nameHint(name, names)}; declare it in lab.variables`,
    })
    return undefined
  }
  if (want !== 'any' && v.type !== want) {
    issues.push({ path, message: `"${name}" is a ${v.type} variable, but this needs a ${want} variable` })
  }
  return v
}

function checkActions(issues: Issue[], path: string, actions: readonly LabAction[], lab: Lab, scope: SlotScope): void {
  actions.forEach((a, i) => {
    const p = `${path}[${i}]`
    switch (a.do) {
      case 'set': {
        const v = checkVarRef(issues, `${p}.variable`, a.variable, lab, 'any')
        if (!v) break
        if (typeof a.value === 'string') checkValue(issues, `${p}.value`, a.value, scope, v.type)
        else if (typeof a.value !== (v.type === 'number' ? 'number' : 'boolean')) {
          issues.push({ path: `${p}.value`, message: `must be a ${v.type}, because "${v.id}" is a ${v.type} variable` })
        }
        break
      }
      case 'toggle':
        checkVarRef(issues, `${p}.variable`, a.variable, lab, 'boolean')
        break
      case 'timer':
        if (!lab.objects.some((o) => o.kind === 'timer' && o.id === a.timer)) {
          issues.push({ path: `${p}.timer`, message: `there is no timer object "${a.timer}" in lab.objects` })
        }
        break
      case 'clock':
        break
    }
  })
}

function checkParts(issues: Issue[], path: string, parts: readonly Part[] | undefined, scope: SlotScope): void {
  parts?.forEach((part, i) => {
    const p = `${path}[${i}]`
    for (const key of ['position', 'rotation', 'scale'] as const) {
      part[key].forEach((c, k) => checkValue(issues, `${p}.${key}[${k}]`, c, scope, 'number'))
    }
    checkValue(issues, `${p}.visible`, part.visible, scope, 'boolean')
    if (part.shape !== 'model') {
      checkValue(issues, `${p}.opacity`, part.opacity, scope, 'number')
      checkValue(issues, `${p}.glow`, part.glow, scope, 'number')
    }
  })
}

function checkObject(issues: Issue[], o: LabObject, path: string, lab: Lab, scope: SlotScope): void {
  for (const key of ['position', 'rotation', 'scale'] as const) {
    o[key].forEach((c, k) => checkValue(issues, `${path}.${key}[${k}]`, c, scope, 'number'))
  }
  checkValue(issues, `${path}.visible`, o.visible, scope, 'boolean')
  checkParts(issues, `${path}.parts`, o.parts, scope)
  switch (o.kind) {
    case 'grabbable':
      if (o.drag) checkVarRef(issues, `${path}.drag.variable`, o.drag.variable, lab, 'number')
      break
    case 'toggle':
      checkVarRef(issues, `${path}.variable`, o.variable, lab, 'boolean')
      break
    case 'slider':
    case 'dial':
      checkVarRef(issues, `${path}.variable`, o.variable, lab, 'number')
      if (o.onChange) checkActions(issues, `${path}.onChange`, o.onChange, lab, scope)
      break
    case 'button':
      checkActions(issues, `${path}.actions`, o.actions, lab, scope)
      break
    case 'readout':
      checkValue(issues, `${path}.value`, o.value, scope, 'number')
      break
    case 'probe':
      checkValue(issues, `${path}.value`, o.value, scope, 'number')
      if (o.min >= o.max)
        issues.push({ path: `${path}.max`, message: `is ${o.max}, but must be greater than min (${o.min})` })
      break
    case 'timer':
      if (o.mode === 'countdown' && o.duration === undefined) {
        issues.push({
          path: `${path}.duration`,
          message: 'is required for a countdown: how many seconds it counts down from',
        })
      }
      break
    case 'spawner':
      checkParts(issues, `${path}.template`, o.template, scope)
      break
    case 'body':
    case 'label':
      break
  }
}

/** Every name a lab declares, with the path that declares it, for uniqueness. */
function checkNames(issues: Issue[], lab: Lab): void {
  const seen = new Map<string, string>()
  const claim = (name: string, path: string) => {
    if (RESERVED_NAMES.has(name)) {
      issues.push({
        path,
        message: `"${name}" is reserved (the clock t, constants and function names); choose another id`,
      })
      return
    }
    const first = seen.get(name)
    if (first) issues.push({ path, message: `duplicates the id "${name}" already used at ${first}` })
    else seen.set(name, path)
  }
  lab.variables.forEach((v, i) => claim(v.id, `lab.variables[${i}].id`))
  lab.objects.forEach((o, i) => {
    claim(o.id, `lab.objects[${i}].id`)
    if (o.kind === 'timer') claim(timerRunningName(o.id), `lab.objects[${i}].id (as ${timerRunningName(o.id)})`)
  })
  lab.derived.forEach((d, i) => claim(d.id, `lab.derived[${i}].id`))
  const steps = new Map<string, number>()
  lab.steps.forEach((s, i) => {
    const first = steps.get(s.id)
    if (first !== undefined) {
      issues.push({ path: `lab.steps[${i}].id`, message: `duplicates the step id "${s.id}" of lab.steps[${first}]` })
    } else steps.set(s.id, i)
  })
}

/** All semantic issues of a lab section; empty when it is sound. */
export function checkLab(lab: Lab): Issue[] {
  const issues: Issue[] = []
  checkNames(issues, lab)
  if (issues.length > 0) return issues
  lab.variables.forEach((v, i) => checkVariable(issues, v, `lab.variables[${i}]`))
  const { scope, errors } = buildLabScope(lab)
  const derivedIds = lab.derived.map((d) => d.id)
  for (const e of errors) {
    checkValue(
      issues,
      `lab.derived[${e.index}].value`,
      lab.derived[e.index]!.value,
      // The scope a derived value sees: everything before it.
      {
        types: new Map([...scope.types].filter(([n]) => !derivedIds.slice(e.index).includes(n))),
        slotOf: scope.slotOf,
      },
      'number',
      new Set(derivedIds.slice(e.index + 1)),
    )
  }
  lab.objects.forEach((o, i) => checkObject(issues, o, `lab.objects[${i}]`, lab, scope))
  lab.steps.forEach((s, i) => checkValue(issues, `lab.steps[${i}].done`, s.done, scope, 'boolean'))
  return issues
}
