// clean: JS-PATH-TRAVERSAL
import path from "node:path";
import { Router } from "express";

const ROOT = path.resolve(process.env.ASSET_DIR ?? "/srv/assets");
export const assets = Router();

assets.get("/assets/*", (req, res) => {
  const target = path.resolve(ROOT, req.params[0]);
  if (!target.startsWith(ROOT + path.sep)) {
    res.status(404).end();
    return;
  }
  res.sendFile(target);
});
