// The headers every response carries (next.config.js sets them on Next.js's answers; lib/request-gate.ts on the
// 400s it gives before Next.js sees a request). The nonce-based CSP is per request: lib/content-security-policy.ts.
export const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
];
