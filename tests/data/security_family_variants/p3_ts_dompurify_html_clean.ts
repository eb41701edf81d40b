// clean: JS-XSS
// path: src/components/ReleaseNotes.tsx
import DOMPurify from "isomorphic-dompurify";

export function ReleaseNotes({ html }: { html: string }) {
  const clean = DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
  return <article className="prose" dangerouslySetInnerHTML={{ __html: clean }} />;
}
