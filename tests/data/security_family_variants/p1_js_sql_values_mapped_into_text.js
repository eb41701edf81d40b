// want: JS-SQL-STRING
const { pool } = require("../db");

async function archiveProjects(req, res) {
  const names = req.body.names.map((n) => `'${n}'`).join(", ");
  const result = await pool.query(`UPDATE projects SET archived_at = now() WHERE name IN (${names})`);
  res.json({ archived: result.rowCount });
}

module.exports = { archiveProjects };
