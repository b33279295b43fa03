import Bowser from "bowser";

const MAX_LENGTH = 80;

/** A person-readable name for the browser behind a User-Agent header ("Chrome on Android"); null when unknown. */
export function browserName(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const { browser, os } = Bowser.parse(userAgent.slice(0, 1000));
  const name = browser.name?.trim();
  const system = os.name?.trim();
  const label = name && system ? `${name} on ${system}` : (name ?? system);
  return label ? label.slice(0, MAX_LENGTH) : null;
}
