// Cookies a server sets: session and auth cookies without Secure/HttpOnly are flagged.
const session = require('express-session');
const express = require('express');

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false })); // expect: JS-COOKIE-INSECURE
app.use(session({
  secret: process.env.SESSION_SECRET,
  cookie: { secure: true, httpOnly: false }, // expect: JS-COOKIE-INSECURE
}));
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: 'auto', sameSite: 'lax' } }));

app.post('/login', async (req, res) => { // expect: JS-ASYNC-HANDLER-REJECTION
  const user = await users.authenticate(req.body.email, req.body.password);
  const accessToken = await issueToken(user);
  res.cookie('access_token', accessToken); // expect: JS-COOKIE-INSECURE
  res.cookie('auth', accessToken, { httpOnly: true, sameSite: 'strict' }); // expect: JS-COOKIE-INSECURE
  res.cookie('refresh', accessToken, { httpOnly: true, secure: true, sameSite: 'strict' });
  res.cookie('XSRF-TOKEN', req.csrfToken(), { sameSite: 'strict', secure: true });
  res.cookie('theme', req.body.theme);
  res.cookie('locale', 'en', { secure: false, maxAge: 86400000 }); // expect: JS-COOKIE-INSECURE
  res.json({ ok: true });
});

app.post('/logout', (req, res) => {
  res.cookie('access_token', '', { maxAge: 0 });
  res.sendStatus(204);
});
