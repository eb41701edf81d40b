// clean: JS-SQL-STRING
const { pool } = require("../db");

async function archiveProjects(ownerId, ids) {
  if (ids.length === 0) return 0;
  const marks = ids.map((_, i) => `$${i + 2}`).join(", ");
  const result = await pool.query(
    `UPDATE projects SET archived_at = now() WHERE owner_id = $1 AND id IN (${marks})`,
    [ownerId, ...ids],
  );
  return result.rowCount;
}

module.exports = { archiveProjects };
