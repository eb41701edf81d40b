// Database pools and clients made inside request handlers and jobs, never closed; near-misses made once,
// closed, or handed on stay quiet.
import { Pool, Client } from "pg";
import { PrismaClient } from "@prisma/client";
import Redis from "ioredis";
import { MongoClient } from "mongodb";
import express from "express";

const shared = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();

router.get("/orders/:id", async (req, res) => { // expect: JS-ASYNC-HANDLER-REJECTION
  const pool = new Pool({ connectionString: process.env.DATABASE_URL }); // expect: JS-CLIENT-PER-CALL
  const { rows } = await pool.query("SELECT * FROM orders WHERE id = $1", [req.params.id]);
  res.json(rows[0]);
});

router.get("/orders", async (req, res) => { // expect: JS-ASYNC-HANDLER-REJECTION
  const { rows } = await shared.query("SELECT * FROM orders LIMIT 50");
  res.json(rows);
});

router.post("/audit", async (req, res) => { // expect: JS-ASYNC-HANDLER-REJECTION
  const client = new Client({ connectionString: process.env.AUDIT_URL });
  await client.connect();
  try {
    await client.query("INSERT INTO audit(body) VALUES ($1)", [req.body]);
  } finally {
    await client.end();
  }
  res.sendStatus(204);
});

export async function countUsers(): Promise<number> {
  const prisma = new PrismaClient(); // expect: JS-CLIENT-PER-CALL
  return prisma.user.count();
}

export async function rememberVisit(userId: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL as string); // expect: JS-CLIENT-PER-CALL
  await redis.incr(`visits:${userId}`);
}

export class ReportService {
  private readonly mongo: MongoClient;

  constructor() {
    const mongo = new MongoClient(process.env.MONGO_URL as string);
    this.mongo = mongo;
  }

  async latest(): Promise<unknown> {
    const client = new MongoClient(process.env.MONGO_URL as string); // expect: JS-CLIENT-PER-CALL
    await client.connect();
    return client.db("reports").collection("daily").findOne({});
  }

  async latestClosed(): Promise<unknown> {
    const client = new MongoClient(process.env.MONGO_URL as string);
    await client.connect();
    try {
      return await client.db("reports").collection("daily").findOne({});
    } finally {
      await client.close();
    }
  }
}

export function createRedisClient(): Redis {
  const client = new Redis(process.env.REDIS_URL as string);
  client.on("error", () => undefined);
  return client;
}

export default router;
