// clean: JS-SSRF
// path: server/api/preview.get.ts
const PREVIEW_HOSTS = new Set(["images.unsplash.com", "cdn.example-media.net"]);

export default defineEventHandler(async (event) => {
  const { src } = getQuery(event);
  if (typeof src !== "string") {
    throw createError({ statusCode: 400, statusMessage: "src required" });
  }
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    throw createError({ statusCode: 400, statusMessage: "bad url" });
  }
  if (url.protocol !== "https:" || !PREVIEW_HOSTS.has(url.hostname)) {
    throw createError({ statusCode: 400, statusMessage: "host not allowed" });
  }
  const image = await $fetch.raw(url.toString(), { responseType: "arrayBuffer", timeout: 5000 });
  setHeader(event, "content-type", image.headers.get("content-type") ?? "image/jpeg");
  return image._data;
});
