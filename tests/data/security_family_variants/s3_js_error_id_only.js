// clean: JS-STACK-TRACE-LEAK
const express = require("express");
const axios = require("axios");
const crypto = require("crypto");

const router = express.Router();

router.post("/sync", async (req, res) => {
  try {
    const { data } = await axios.post(process.env.CRM_URL, req.body);
    res.json(data);
  } catch (err) {
    const ref = crypto.randomUUID();
    console.error(ref, err);
    res.status(502).json({ error: "upstream failed", ref });
  }
});

module.exports = router;
