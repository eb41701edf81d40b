// want: JS-CODE-INJECTION
import express from "express";
import vm from "node:vm";

export const router = express.Router();

router.post("/rules/preview", express.text(), (req, res) => {
  const rule = vm.runInNewContext(`(${req.body})`, {});
  res.json({ matches: Boolean(rule) });
});
