// want: JS-HTTP-NO-TIMEOUT
const https = require('https');

function postWebhook(url, payload) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(JSON.stringify(payload));
  });
}

module.exports = { postWebhook };
