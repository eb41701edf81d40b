// want: JS-STACK-TRACE-LEAK
const express = require("express");
const axios = require("axios");

const router = express.Router();

router.post("/sync", async (req, res) => {
  try {
    const { data } = await axios.post(process.env.CRM_URL, req.body);
    res.json(data);
  } catch (err) {
    res.status(502).json({ message: err.message, stack: err.stack, config: err.config });
  }
});

module.exports = router;
