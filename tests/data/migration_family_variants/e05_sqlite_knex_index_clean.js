// clean: MIG-03
// database: sqlite
// path: migrations/20261203172000_index_notes_folder.js
exports.up = function (knex) {
  return knex.schema.alterTable("notes", (table) => {
    table.index(["folder_id"], "notes_folder_idx");
  });
};

exports.down = function (knex) {
  return knex.schema.alterTable("notes", (table) => {
    table.dropIndex(["folder_id"], "notes_folder_idx");
  });
};
