// clean: JS-HTTP-NO-TIMEOUT (the request is destroyed after 10 seconds)
const https = require('https');

function postWebhook(url, payload) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', timeout: 10000, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('webhook timed out')));
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}

module.exports = { postWebhook };
