// Webhook and API-key checks: secrets compared with `===` (flagged) and look-alikes that are not secrets.
const crypto = require('crypto');

function verifyWebhook(req, res, next) {
  const expected = crypto.createHmac('sha256', process.env.HOOK_KEY).update(req.rawBody).digest('hex');
  if (req.headers['x-hub-signature-256'] !== `sha256=${expected}`) { // expect: JS-TIMING-COMPARE
    return res.sendStatus(401);
  }
  const signature = Buffer.from(req.get('X-Signature') || '', 'hex');
  if (!signature.equals(Buffer.from(expected, 'hex'))) { // expect: JS-TIMING-COMPARE
    return res.sendStatus(401);
  }
  const a = Buffer.from(req.get('X-Signature') || '');
  const b = Buffer.from(expected);
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    return res.sendStatus(401);
  }
  next();
}

async function requireApiKey(req, res, next) {
  const client = await clients.findById(req.params.clientId);
  if (req.get('X-Api-Key') == client.apiKey) { // expect: JS-TIMING-COMPARE
    return next();
  }
  if (req.query.token === undefined || req.query.token === null) {
    return res.sendStatus(401);
  }
  if (req.query.token.length !== 32) {
    return res.sendStatus(400);
  }
  if (req.query.tokenType === client.tokenType) {
    return next();
  }
  return res.sendStatus(403);
}

function listPage(page, previous) {
  if (page.nextToken === previous.nextToken) {
    return [];
  }
  if (page.token.kind === previous.token.kind) {
    return page.items;
  }
  return page.items;
}

function notModified(req, etag) {
  return req.headers['if-none-match'] === etag;
}
