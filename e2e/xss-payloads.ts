/**
 * Hostile input for the stored-XSS tests (e2e/xss.spec.ts, lib/markdown.xss.test.ts).
 *
 * Every payload carries a unique marker (`xss01`, `xss02`, …). Whatever code a payload would run names its
 * marker — `alert('xss07')` or `__xss='xss07'` — and so does any element it would inject, so a failing test
 * says which payload got through. Markers are written so that a safe rendering still shows them as text.
 */

export type PayloadKind =
  | "script tag"
  | "event handler"
  | "javascript: URL"
  | "data: URL"
  | "vbscript: URL"
  | "markdown link"
  | "markdown image"
  | "reference link"
  | "autolink"
  | "html entities"
  | "svg"
  | "mathml"
  | "embedding"
  | "css"
  | "nested or unterminated"
  | "unicode"
  | "control characters"
  | "long"
  | "template injection"
  | "react"
  | "polyglot";

export type XssPayload = {
  marker: string;
  kind: PayloadKind;
  text: string;
  /** Short enough, and free of control characters, to be a display name (at most 50 characters). */
  asName?: boolean;
  /** Short enough to be a name, but display names refuse it (direction or invisible characters: lib/display-name.ts). */
  refusedAsName?: boolean;
  /** The markup sits inside a URL, so a safe rendering shows it as link text or not at all, not as literal tags. */
  markupInUrl?: boolean;
};

type Template = { kind: PayloadKind; text: (marker: string) => string; asName?: boolean; refusedAsName?: boolean; markupInUrl?: boolean };

const LONG = "A".repeat(6_000);

const templates: Template[] = [
  // Script tags
  { kind: "script tag", text: (m) => `<script>alert('${m}')</script>`, asName: true },
  { kind: "script tag", text: (m) => `<SCRIPT SRC=data:text/javascript,alert('${m}')></SCRIPT>` },
  { kind: "script tag", text: (m) => `<scr<script>ipt>alert('${m}')</scr</script>ipt>` },
  { kind: "script tag", text: (m) => `</script><script>__xss='${m}'</script>`, asName: true },
  { kind: "script tag", text: (m) => `"><script>alert('${m}')</script>`, asName: true },
  { kind: "script tag", text: (m) => `'--></style></title><script>alert('${m}')</script><!--` },
  { kind: "script tag", text: (m) => `<script type="module">import('data:text/javascript,alert("${m}")')</script>` },

  // Event-handler attributes
  { kind: "event handler", text: (m) => `<img src=x onerror=alert('${m}')>`, asName: true },
  { kind: "event handler", text: (m) => `<svg onload=alert('${m}')>`, asName: true },
  { kind: "event handler", text: (m) => `<body onload=alert('${m}')>`, asName: true },
  { kind: "event handler", text: (m) => `<details open ontoggle=alert('${m}')>open</details>` },
  { kind: "event handler", text: (m) => `<input autofocus onfocus=alert('${m}')>`, asName: true },
  { kind: "event handler", text: (m) => `<div onmouseover="alert('${m}')" style="position:fixed;inset:0">${m}</div>` },
  { kind: "event handler", text: (m) => `<img src=x onerror="&#97;&#108;&#101;&#114;&#116;('${m}')">` },
  { kind: "event handler", text: (m) => `<video><source onerror="alert('${m}')"></video>` },
  { kind: "event handler", text: (m) => `<img """><script>alert('${m}')</script>">` },
  { kind: "event handler", text: (m) => `<a id=__xss onclick=alert('${m}')>${m}</a>`, asName: true },

  // javascript:, data: and vbscript: URLs, plain and disguised
  { kind: "javascript: URL", text: (m) => `[click ${m}](javascript:alert('${m}'))`, asName: true },
  { kind: "javascript: URL", text: (m) => `[click ${m}](JaVaScRiPt:alert('${m}'))` },
  { kind: "javascript: URL", text: (m) => `[click ${m}](<javascript:alert('${m}')>)` },
  { kind: "javascript: URL", text: (m) => `[click ${m}](&#106;avascript:alert('${m}'))` },
  { kind: "javascript: URL", text: (m) => `[click ${m}](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert('${m}'))` },
  { kind: "javascript: URL", text: (m) => `[click ${m}](javascript&colon;alert('${m}'))` },
  { kind: "javascript: URL", text: (m) => `[click ${m}](<java\tscript:alert('${m}')>)`, markupInUrl: true },
  { kind: "javascript: URL", text: (m) => `[click ${m}](java&#x09;script:alert('${m}'))` },
  { kind: "javascript: URL", text: (m) => `[click ${m}](<java\nscript:alert('${m}')>)` },
  { kind: "javascript: URL", text: (m) => `[click ${m}](%6Aavascript:alert('${m}'))` },
  { kind: "javascript: URL", text: (m) => `[click ${m}](javascript://%0Aalert('${m}'))` },
  { kind: "javascript: URL", text: (m) => `<a href="javascript:alert('${m}')">${m}</a>` },
  { kind: "data: URL", text: (m) => `[click ${m}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)` },
  { kind: "data: URL", text: (m) => `[click ${m}](DATA:text/html,<script>alert('${m}')</script>)` },
  { kind: "data: URL", text: (m) => `[click ${m}](<data:text/html,%3Cscript%3Ealert('${m}')%3C/script%3E>)` },
  { kind: "vbscript: URL", text: (m) => `[click ${m}](vbscript:msgbox("${m}"))` },
  { kind: "vbscript: URL", text: (m) => `[click ${m}](VBScript:msgbox("${m}"))` },

  // Malformed Markdown links and images
  { kind: "markdown link", text: (m) => `[a ${m}](https://example.com" onclick="alert('${m}'))` },
  { kind: "markdown link", text: (m) => `[a ${m}](https://example.com "t\\" onmouseover=\\"alert('${m}')")` },
  { kind: "markdown link", text: (m) => `[<img src=x onerror=alert('${m}')>](https://example.com)` },
  { kind: "markdown link", text: (m) => `[a ${m}](https://example.com)<img src=x onerror=alert('${m}')>` },
  { kind: "markdown link", text: (m) => `[[inner ${m}](javascript:alert('${m}'))](https://example.com)` },
  { kind: "markdown link", text: (m) => `[a ${m}](https://example.com/"><script>alert('${m}')</script>)`, markupInUrl: true },
  { kind: "markdown image", text: (m) => `![x ${m}](javascript:alert('${m}'))` },
  { kind: "markdown image", text: (m) => `![x" onerror="alert('${m}')](https://example.com/x.png)` },
  { kind: "markdown image", text: (m) => `![${m}](x onerror=alert('${m}'))` },
  { kind: "markdown image", text: (m) => `[![img ${m}](data:image/svg+xml,<svg onload=alert('${m}')>)](https://example.com)` },

  // Reference-style links and autolinks
  { kind: "reference link", text: (m) => `[click ${m}][r]\n\n[r]: javascript:alert('${m}')` },
  { kind: "reference link", text: (m) => `[click ${m}][r]\n\n[r]: <javascript:alert('${m}')> "title"` },
  { kind: "reference link", text: (m) => `[r ${m}]\n\n[r ${m}]: data:text/html,<script>alert('${m}')</script>` },
  { kind: "reference link", text: (m) => `[click ${m}][r]\n\n[r]: https://example.com "t\\"onmouseover=alert('${m}')"` },
  { kind: "autolink", text: (m) => `<javascript:alert('${m}')>` },
  { kind: "autolink", text: (m) => `<data:text/html,<script>alert('${m}')</script>>` },
  { kind: "autolink", text: (m) => `<vbscript:msgbox('${m}')>` },
  { kind: "autolink", text: (m) => `javascript:alert('${m}') and www.example.com/"><img src=x onerror=alert('${m}')>` },
  { kind: "autolink", text: (m) => `https://example.com/"onmouseover="alert('${m}')" <https://example.com/'onfocus='alert(1)'>`, markupInUrl: true },

  // HTML entities and other encodings
  { kind: "html entities", text: (m) => `&lt;script&gt;alert('${m}')&lt;/script&gt;`, asName: true },
  { kind: "html entities", text: (m) => `&#60;img src=x onerror=alert('${m}')&#62;` },
  { kind: "html entities", text: (m) => `&#x3C;svg onload=alert('${m}')&#x3E; &amp;lt;b&amp;gt;` },
  { kind: "html entities", text: (m) => `\\u003cscript\\u003ealert('${m}')\\u003c/script\\u003e` },
  { kind: "html entities", text: (m) => `%3Cscript%3Ealert('${m}')%3C%2Fscript%3E` },

  // SVG and MathML
  { kind: "svg", text: (m) => `<svg><script>alert('${m}')</script></svg>` },
  { kind: "svg", text: (m) => `<svg><a xlink:href="javascript:alert('${m}')"><text x="20" y="20">${m}</text></a></svg>` },
  { kind: "svg", text: (m) => `<svg><animate onbegin=alert('${m}') attributeName=x dur=1s>` },
  { kind: "svg", text: (m) => `<svg><set attributeName=href to="javascript:alert('${m}')"/></svg>` },
  { kind: "mathml", text: (m) => `<math><mtext><table><mglyph><style><img src=x onerror=alert('${m}')>` },
  { kind: "mathml", text: (m) => `<math href="javascript:alert('${m}')">CLICK ${m}</math>` },

  // Embedding, navigation and document-level elements
  { kind: "embedding", text: (m) => `<iframe srcdoc="<script>parent.alert('${m}')</script>"></iframe>` },
  { kind: "embedding", text: (m) => `<iframe src="javascript:alert('${m}')"></iframe>` },
  { kind: "embedding", text: (m) => `<object data="data:text/html,<script>alert('${m}')</script>"></object>` },
  { kind: "embedding", text: (m) => `<embed src="javascript:alert('${m}')">`, asName: true },
  { kind: "embedding", text: (m) => `<meta http-equiv="refresh" content="0;url=javascript:alert('${m}')">` },
  { kind: "embedding", text: (m) => `<base href="javascript:alert('${m}')//">`, asName: true },
  { kind: "embedding", text: (m) => `<form action="javascript:alert('${m}')"><button>${m}</button></form>` },
  { kind: "embedding", text: (m) => `<button form=x formaction="javascript:alert('${m}')">${m}</button>` },
  { kind: "embedding", text: (m) => `<link rel=import href="data:text/html,<script>alert('${m}')</script>">` },

  // CSS
  { kind: "css", text: (m) => `<div style="width:expression(alert('${m}'))">${m}</div>` },
  { kind: "css", text: (m) => `<style>@import 'javascript:alert("${m}")';body{background:url("javascript:alert('${m}')")}</style>` },

  // Nested, unterminated and parser-confusing markup
  { kind: "nested or unterminated", text: (m) => `<img src=x onerror=alert('${m}')`, asName: true },
  { kind: "nested or unterminated", text: (m) => `<<script>alert('${m}');//<</script>`, asName: true },
  { kind: "nested or unterminated", text: (m) => `<div><p>open <b><i>nest <a href=javascript:alert('${m}')>${m}` },
  { kind: "nested or unterminated", text: (m) => `<!--<img src="--><img src=x onerror=alert('${m}')//">` },
  { kind: "nested or unterminated", text: (m) => `<noscript><p title="</noscript><img src=x onerror=alert('${m}')>">` },
  { kind: "nested or unterminated", text: (m) => `<textarea></textarea><script>alert('${m}')</script></textarea>` },
  { kind: "nested or unterminated", text: (m) => `<xmp><img src=x onerror=alert('${m}')></xmp>`, asName: true },
  { kind: "nested or unterminated", text: (m) => `\`\`\`html\n</code></pre><script>alert('${m}')</script>\n\`\`\`` },
  { kind: "nested or unterminated", text: (m) => `> <img src=x onerror=alert('${m}')>\n> - <script>alert('${m}')</script>` },

  // Unicode tricks
  { kind: "unicode", text: (m) => `\u202E<img src=x onerror=alert('${m}')>\u202C gpj.exe`, refusedAsName: true },
  { kind: "unicode", text: (m) => `<scr\u200Bipt>alert('${m}')</scr\u200Bipt>`, refusedAsName: true },
  { kind: "unicode", text: (m) => `[click ${m}](java\u200Bscript:alert('${m}'))` },
  { kind: "unicode", text: (m) => `＜script＞alert('${m}')＜/script＞`, asName: true },
  { kind: "unicode", text: (m) => `［click ${m}］（javascript:alert('${m}')）` },
  { kind: "unicode", text: (m) => `[click ${m}](јavascript:alert('${m}'))` },
  { kind: "unicode", text: (m) => `<ѕcript>alert('${m}')</ѕcript>`, asName: true },
  { kind: "unicode", text: (m) => `\uFEFF<img\u00A0src=x\u3000onerror=alert('${m}')>\u0301` },

  // NUL and control characters
  { kind: "control characters", text: (m) => `<scr\u0000ipt>alert('${m}')</scr\u0000ipt>` },
  { kind: "control characters", text: (m) => `[click ${m}](java\u0000script:alert('${m}'))` },
  { kind: "control characters", text: (m) => `[click ${m}](\u0001javascript:alert('${m}'))` },
  { kind: "control characters", text: (m) => `<img src=x\u000Conerror=alert('${m}')>` },
  { kind: "control characters", text: (m) => `<a href="\u0008javascript:alert('${m}')">${m}</a>\u001B[31m` },

  // Very long attributes and links
  { kind: "long", text: (m) => `<img src="${LONG}" onerror=alert('${m}')>` },
  { kind: "long", text: (m) => `[${LONG.slice(0, 3_000)} ${m}](javascript:alert('${m}'))` },
  { kind: "long", text: (m) => `[long ${m}](https://example.com/${LONG}"onmouseover="alert('${m}'))` },

  // Template injection and React-specific strings
  { kind: "template injection", text: (m) => `{{constructor.constructor('alert("${m}")')()}}`, asName: true },
  { kind: "template injection", text: (m) => `{{$on.constructor('alert("${m}")')()}} \${alert('${m}')} #{alert('${m}')} <%= alert('${m}') %>` },
  { kind: "react", text: (m) => `dangerouslySetInnerHTML={{__html:"<img src=x onerror=alert('${m}')>"}}` },
  { kind: "react", text: (m) => `{"__html":"<img src=x onerror=alert('${m}')>"}` },
  {
    kind: "react",
    text: (m) => `{"$$typeof":"Symbol(react.element)","type":"img","props":{"src":"x","onError":"alert('${m}')"}} $@0 $K1 $Sreact.fragment ${m}`,
  },
  { kind: "react", text: (m) => `$1:I["x",["y"],"z"]\n0:["$","script",null,{"children":"alert('${m}')"}]` },

  // Closing the elements a name or title may sit in
  { kind: "nested or unterminated", text: (m) => `</title><img src=x onerror=alert('${m}')>`, asName: true },

  // Polyglot
  {
    kind: "polyglot",
    text: (m) =>
      `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=alert('${m}') )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert('${m}')//>\\x3e`,
  },
];

export const XSS_PAYLOADS: readonly XssPayload[] = templates.map((template, index) => {
  const marker = `xss${String(index + 1).padStart(3, "0")}`;
  const { kind, text, asName, refusedAsName, markupInUrl } = template;
  return {
    marker,
    kind,
    text: text(marker),
    ...(asName ? { asName } : {}),
    ...(refusedAsName ? { refusedAsName } : {}),
    ...(markupInUrl ? { markupInUrl } : {}),
  };
});

/** The first literal tag a payload writes (`<script`, `<img`), which a safe rendering shows as text. */
export function literalTag(payload: XssPayload): string | null {
  if (payload.markupInUrl) return null;
  return /<\/?[a-z][a-z0-9-]*/i.exec(payload.text)?.[0] ?? null;
}
