// want: JS-COOKIE-INSECURE
import express from "express";
import session from "express-session";

export const app = express();

app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: false, secure: false, maxAge: 86_400_000 },
  }),
);
