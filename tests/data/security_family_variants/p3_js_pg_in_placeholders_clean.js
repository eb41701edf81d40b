// clean: JS-SQL-STRING
const express = require("express");
const { pool } = require("../db");

const router = express.Router();

router.post("/tags/detach", async (req, res, next) => {
  try {
    const ids = req.body.ids.map(Number).filter(Number.isInteger).slice(0, 200);
    if (ids.length === 0) return res.json({ detached: 0 });
    const params = ids.map((_, i) => `$${i + 2}`).join(", ");
    const sql = `DELETE FROM note_tags WHERE note_id = $1 AND tag_id IN (${params})`;
    const result = await pool.query(sql, [req.params.noteId, ...ids]);
    res.json({ detached: result.rowCount });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
