// want: JS-SSRF
import axios from "axios";
import { Router } from "express";

export const previews = Router();

previews.post("/link-preview", async (req, res) => {
  const { link } = req.body as { link: string };
  const page = await axios.get<string>(link, { timeout: 5000, responseType: "text" });
  const title = /<title>([^<]*)<\/title>/i.exec(page.data)?.[1] ?? link;
  res.json({ title });
});
