// want: JS-SSRF
import type { Request, Response } from "express";

async function getJson(url: string): Promise<unknown> {
  const resp = await fetch(url, { redirect: "follow" });
  return resp.json();
}

export async function importFeed(req: Request, res: Response) {
  const feed = await getJson(req.query.feedUrl as string);
  res.json(feed);
}
