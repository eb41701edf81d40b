// clean: JS-MIG-INDEX-LOCK
// path: migrations/20261203121100_index_heartbeat_time.js
exports.config = { transaction: false };

exports.up = function (knex) {
  return knex.raw("CREATE INDEX CONCURRENTLY IF NOT EXISTS heartbeat_monitor_time_idx ON heartbeat (monitor_id, time)");
};

exports.down = function (knex) {
  return knex.raw("DROP INDEX CONCURRENTLY IF EXISTS heartbeat_monitor_time_idx");
};
