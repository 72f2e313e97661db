/**
 * What `scene new <id>` writes: a small working lab (a ball dropped from an adjustable height)
 * that shows each part of the format, so an author edits rather than starts from nothing.
 */
import { SCENE_FORMAT_VERSION } from '#common/scene/schema.ts'

export function scaffoldScene(id: string, schemaRef?: string): Record<string, unknown> {
  return {
    ...(schemaRef ? { $schema: schemaRef } : {}),
    formatVersion: SCENE_FORMAT_VERSION,
    id,
    kind: 'lab',
    title: { en: 'My first lab', 'zh-CN': '我的第一个实验' },
    description: { en: 'Drop a ball and time its fall.', 'zh-CN': '让小球下落并为其计时。' },
    environment: { floor: { size: [10, 10], color: '#c9c3b5' }, walls: { height: 3, color: '#eeeae2' } },
    lights: [
      { type: 'hemisphere', sky: '#ffffff', ground: '#b8a58a', intensity: 1.2 },
      { type: 'directional', position: [3, 6, 4], intensity: 1.4 },
    ],
    spawnPoints: [{ id: 'bench', position: [0, 0, 2.2] }],
    primitives: [{ shape: 'box', position: [0, 0.45, 0], size: [1.6, 0.9, 0.8], color: '#7a5c43' }],
    lab: {
      variables: [
        {
          id: 'height',
          type: 'number',
          label: { en: 'Drop height', 'zh-CN': '下落高度' },
          unit: 'm',
          min: 0.2,
          max: 1.5,
          step: 0.05,
          initial: 1,
        },
      ],
      derived: [
        { id: 'g', value: '9.81', unit: 'm/s²' },
        {
          id: 'fallTime',
          label: { en: 'Fall time (theory)', 'zh-CN': '下落时间（理论）' },
          unit: 's',
          value: 'sqrt(2 * height / g)',
        },
        { id: 'drop', value: 'min(0.5 * g * t^2, height)' },
      ],
      objects: [
        {
          id: 'ball',
          kind: 'body',
          position: [0, '0.95 + height - drop', 0],
          parts: [{ shape: 'sphere', radius: 0.05, color: '#d0463b' }],
        },
        {
          id: 'heightSlider',
          kind: 'slider',
          label: { en: 'Drop height', 'zh-CN': '下落高度' },
          variable: 'height',
          position: [-0.5, 0.92, 0.3],
          length: 0.4,
          onChange: [{ do: 'clock', op: 'reset' }],
        },
        {
          id: 'dropButton',
          kind: 'button',
          label: { en: 'Drop', 'zh-CN': '释放' },
          position: [0.5, 0.92, 0.3],
          actions: [{ do: 'clock', op: 'restart' }],
        },
        {
          id: 'timeReadout',
          kind: 'readout',
          label: { en: 'Time since drop', 'zh-CN': '下落后时间' },
          value: 'min(t, fallTime)',
          unit: 's',
          decimals: 2,
          position: [0, 1.3, -0.3],
        },
      ],
      steps: [
        {
          id: 'dropIt',
          title: { en: 'Drop the ball', 'zh-CN': '释放小球' },
          instructions: { en: 'Press Drop and watch the time.', 'zh-CN': '按下“释放”并观察时间。' },
          done: 't > fallTime',
        },
      ],
    },
  }
}

export function scaffoldReadme(id: string): string {
  return `# My first lab (\`${id}\`)

## What it teaches

Describe the idea learners discover here, the steps they take, and what they should notice.

## Credits and licences

Every asset in this package is listed here with its author and licence.

- All shapes are drawn from primitives in scene.json (no external assets).
`
}
