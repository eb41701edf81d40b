// want: JS-PATH-TRAVERSAL
import path from "node:path";
import { Router } from "express";
import { requireUser } from "../auth";

const UPLOADS = path.resolve(process.env.UPLOAD_DIR ?? "./uploads");
export const files = Router();

files.get("/files/:name", requireUser, (req, res) => {
  const name = req.params.name;
  const file = path.join(UPLOADS, name);
  res.sendFile(file);
});
