import { describe, expect, it } from 'vitest'
import { compileSource, slotScope } from '#common/scene/expr/expression.ts'

const scope = slotScope([
  ['t', 'number'],
  ['length', 'number'],
  ['on', 'boolean'],
])
const slots = [2, 0.5, 1]

function run(src: string): number {
  const r = compileSource(src, scope)
  if (!r.ok) throw new Error(`${src}: ${r.error.message} (column ${r.error.column})`)
  return r.run(slots)
}
function error(src: string, expected?: 'number' | 'boolean') {
  const r = compileSource(src, scope, expected)
  return r.ok ? undefined : r.error
}

describe('the lab expression language', () => {
  it('computes arithmetic with the usual precedence', () => {
    expect(run('1 + 2 * 3')).toBe(7)
    expect(run('(1 + 2) * 3')).toBe(9)
    expect(run('-2^2')).toBe(-4)
    expect(run('2^3^2')).toBe(512)
    expect(run('7 % 4')).toBe(3)
    expect(run('1.5e3 + .5')).toBe(1500.5)
  })

  it('reads variables and the clock', () => {
    expect(run('2 * pi * sqrt(length / 9.81)')).toBeCloseTo(1.4185, 4)
    expect(run('t * 10')).toBe(20)
  })

  it('has comparisons, logic and a conditional', () => {
    expect(run('on && length < 1 ? 10 : 20')).toBe(10)
    expect(run('!on || t >= 3 ? 1 : 0')).toBe(0)
    expect(run('near(length, 0.51, 0.02) ? 1 : 0')).toBe(1)
  })

  it('offers the documented functions', () => {
    expect(run('min(3, 1, 2) + max(1, 5)')).toBe(6)
    expect(run('clamp(12, 0, 10)')).toBe(10)
    expect(run('abs(-2) + floor(1.7) + round(1.5) + ceil(0.2)')).toBe(6)
    expect(run('sin(pi / 2) + cos(0) + tan(0)')).toBeCloseTo(2)
    expect(run('deg(rad(30))')).toBeCloseTo(30)
    expect(run('atan2(1, 1)')).toBeCloseTo(Math.PI / 4)
  })

  it('gives NaN or Infinity for impossible arithmetic instead of throwing', () => {
    expect(run('1 / 0')).toBe(Infinity)
    expect(run('sqrt(-1)')).toBeNaN()
  })

  it.each([
    ['lenght * 2', { message: 'unknown variable "lenght"; did you mean "length"?', column: 1 }],
    ['Math.PI', { message: 'property access with "." is not allowed; use a variable name', column: 5 }],
    ['"x"', { message: 'strings are not allowed in expressions', column: 1 }],
    ['length = 2', { message: '"=" is not an operator; compare with "=="', column: 8 }],
    ['sqrt(2', { message: 'expected ")" but found end of expression', column: 7 }],
    ['1 < t < 3', { message: 'comparisons cannot be chained; join them with "&&"', column: 7 }],
    ['min(1)', { message: 'min() takes 2 to 8 arguments, not 1', column: 1 }],
    ['on + 1', { message: '"+" needs a number, not a boolean', column: 1 }],
    ['eval(1)', { message: 'unknown function "eval"', column: 1 }],
    ['constructor', { message: 'unknown variable "constructor"; known names: t, length, on', column: 1 }],
    ['length(2)', { message: '"length" is a variable, not a function', column: 1 }],
    ['2 3', { message: 'unexpected number 3; an operator is missing', column: 3 }],
    ['', { message: 'is empty', column: 1 }],
    ['on ? 1 : on', { message: 'the branch after ":" needs a number, not a boolean', column: 10 }],
  ])('explains %j', (src, expected) => {
    expect(error(src)).toEqual(expected)
  })

  it('checks the type a field expects', () => {
    expect(error('length * 2', 'boolean')?.message).toBe(
      'must be a boolean, not a number (compare with <, >, == or use near(a, b, tolerance))',
    )
    expect(error('length > 2', 'boolean')).toBeUndefined()
  })

  it('refuses very long or deeply nested input', () => {
    expect(error('1+'.repeat(300) + '1')?.message).toBe('is longer than 500 characters')
    expect(error('('.repeat(40) + '1' + ')'.repeat(40))?.message).toBe('is nested more than 32 levels deep')
  })
})
