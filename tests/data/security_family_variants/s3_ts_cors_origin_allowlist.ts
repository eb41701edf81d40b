// clean: JS-CORS-REFLECTED-ORIGIN
import cors from "cors";
import express from "express";

export const app = express();
const ALLOWED = new Set(["https://app.example.com", "https://admin.example.com"]);

app.use(
  cors({
    origin: (origin, callback) => callback(null, origin !== undefined && ALLOWED.has(origin) ? origin : false),
    credentials: true,
  }),
);
