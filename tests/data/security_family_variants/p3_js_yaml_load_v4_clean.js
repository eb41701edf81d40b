// clean: JS-UNSAFE-DESERIALIZATION
const yaml = require("js-yaml");
const express = require("express");
const { savePipeline } = require("../services/pipelines");

const router = express.Router();

router.post("/pipelines", express.text({ type: "application/yaml" }), async (req, res) => {
  const spec = yaml.load(req.body, { schema: yaml.JSON_SCHEMA });
  const saved = await savePipeline(req.user.id, spec);
  res.status(201).json({ id: saved.id });
});

module.exports = router;
