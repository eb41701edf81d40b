// clean: JS-PATH-TRAVERSAL
import { randomUUID } from "node:crypto";
import path from "node:path";
import { writeFile } from "node:fs/promises";
import { Router } from "express";
import multer from "multer";

const upload = multer();
export const documents = Router();

documents.post("/documents", upload.single("doc"), async (req, res) => {
  const { originalname, buffer } = req.file!;
  const dest = path.join("/srv/docs", randomUUID() + path.extname(originalname));
  await writeFile(dest, buffer);
  res.status(201).json({ file: path.basename(dest) });
});
