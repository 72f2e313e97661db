/** English catalog. Keys are grouped by screen; zh-CN.ts must have the same keys (checked by its type). */
export const en = {
  app: {
    name: 'Atrium',
    tagline: 'One lesson, two places: the classroom and everyone who joins from afar.',
    homeHelp: 'To join a lesson, open the link your teacher or school gave you.',
    loading: 'Loading…',
  },
  lang: { label: 'Language', en: 'English', 'zh-CN': '中文' },
  join: {
    title: 'Join “{{title}}”',
    name: 'Your name',
    nameHelp: 'Others will see this name.',
    submit: 'Join',
    joining: 'Joining…',
    noInvite: 'This link has no invite code. Ask your teacher for the full link.',
    sessionEnded: 'This lesson has ended.',
  },
  errors: {
    nameEmpty: 'Please type your name.',
    nameTooLong: 'Names can be at most 64 characters.',
    nameInvalid: 'Names cannot contain control characters.',
    notFound: 'This lesson does not exist. Check the link.',
    forbidden: 'This invite link is not valid for this lesson. Ask your teacher for a new one.',
    rateLimited: 'Too many attempts. Please wait a minute and try again.',
    network: 'Atrium cannot be reached. Check your connection and try again.',
    server: 'Something went wrong on the server. Please try again.',
  },
  roles: {
    teacher: 'Teacher',
    assistant: 'Assistant',
    learner: 'Learner',
    onsite: 'Learner (in the classroom)',
    room: 'Classroom device',
    observer: 'Observer',
  },
  via: { browser: 'Browser', headset: 'Headset', onsite: 'On-site', 'onsite-headset': 'On-site, headset' },
  people: {
    title: 'People ({{count}})',
    you: '(you)',
    handRaised: 'Hand raised',
  },
  status: {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Connection lost. Reconnecting… Your changes are kept and will be sent.',
    failed: 'Disconnected: {{reason}}',
  },
  close: {
    Normal: 'You left the lesson.',
    GoingAway: 'The server is restarting. Reconnecting…',
    BadMessage: 'Your app sent something the server could not read. Reload the page.',
    Unauthenticated: 'Your sign-in expired. Rejoining…',
    Forbidden: 'You tried to change something only the teacher may change.',
    NotFound: 'This lesson no longer exists.',
    Timeout: 'The connection stopped answering.',
    TooLarge: 'A change was too large to send.',
    ClientTooOld: 'Atrium was updated. Reload the page.',
    RateLimited: 'Too many changes too quickly. Reconnecting shortly…',
    TooManyConnections: 'This lesson is full right now.',
    Overloaded: 'Your connection could not keep up. Reconnecting…',
    unknown: 'The connection closed unexpectedly (code {{code}}).',
  },
  world: {
    label: '3D view of the {{scene}}',
    noWebgl: 'Your device cannot show the 3D view. The lesson still works here in 2D.',
  },
}

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
export type Catalog = Widen<typeof en>
