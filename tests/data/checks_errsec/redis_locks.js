const Redis = require('ioredis');

const redis = new Redis();

async function withLock(key, token, fn) {
  const ok = await redis.set(key, token, 'PX', 30000, 'NX');
  if (!ok) return;
  try {
    await fn();
  } finally {
    await redis.del(key); // data-expect: JS-REDIS-LOCK-RELEASE
  }
}

async function nodeRedis(client, name, opts) {
  await client.set(`a-lock:${name}`, '1', { NX: true }); // expect: JS-REDIS-LOCK-NO-EXPIRY
  await client.set(`b-lock:${name}`, '1', { NX: true, PX: 1000 });
  await client.set(`c-lock:${name}`, '1', 'NX'); // expect: JS-REDIS-LOCK-NO-EXPIRY
  await client.setNX(`d-lock:${name}`, '1'); // expect: JS-REDIS-LOCK-NO-EXPIRY
  await client.set(`e-lock:${name}`, '1', opts);
  await client.set(`f-lock:${name}`, '1', { ...opts, NX: true });
  await client.set(`g-lock:${name}`, '1', 'NX', 'EX', 60);
  const seen = new Map();
  seen.set(name, 'NX');
}

async function firstSeen(client, name) {
  await client.set(`first:${name}`, '1', { NX: true });
}

module.exports = { withLock, nodeRedis, firstSeen };

async function upstashLock(kv, lockKey, ms) {
  const ok = await kv.set(lockKey, '1', { nx: true, px: ms });
  await kv.set(`h-lock:${lockKey}`, '1', { nx: true }); // expect: JS-REDIS-LOCK-NO-EXPIRY
  return ok === 'OK';
}

async function upstashRelease(kv, lockKey) {
  await kv.del(lockKey); // data-expect: JS-REDIS-LOCK-RELEASE
}
