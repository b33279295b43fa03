// next/headers' cookies() for tests that run Auth.js below the browser: a Map stands for the browser's cookie jar.
// Used from vi.mock("next/headers", …) factories (a factory may import a module; it may not close over one).

export function cookieJar(cookies: Map<string, string>) {
  return {
    get: (name: string) => (cookies.has(name) ? { name, value: cookies.get(name)! } : undefined),
    getAll: () => [...cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => cookies.has(name),
    set: (name: string, value: string) => void cookies.set(name, value),
    delete: (name: string) => void cookies.delete(name),
  };
}
