// clean: JS-SQL-STRING
const { QueryTypes } = require("sequelize");
const { sequelize } = require("../models");

async function activeMonitors(req, res) {
  const rows = await sequelize.query(
    "SELECT id, name, url FROM monitor WHERE user_id = :userId AND active = :active ORDER BY name",
    { replacements: { userId: req.user.id, active: req.query.active !== "0" }, type: QueryTypes.SELECT },
  );
  res.json(rows);
}

module.exports = { activeMonitors };
