// Fixture for JS-SYNC-IN-HANDLER with names bound by imports, NestJS routes and Next.js route exports.
// `// expect: ID` marks the line a finding must land on; the rest must stay clean.
import { readFileSync as readText, existsSync } from "node:fs";
import * as zlib from "node:zlib";
import { Controller, Get, Param, Post, Body } from "@nestjs/common";
import type { NextApiRequest, NextApiResponse } from "next";
const { execFileSync } = require("child_process");
const bcrypt = require("bcryptjs");
const fs = createMemoryFs();

const banner = readText("banner.txt", "utf8");

@Controller("reports")
export class ReportsController {
  constructor(private readonly service: ReportService) {}

  @Get(":id")
  download(@Param("id") id: string) {
    return zlib.brotliCompressSync(readText(`/reports/${id}.json`)); // expect: JS-SYNC-IN-HANDLER
  }

  @Post()
  create(@Body() body: CreateReport) {
    return this.service.create(body);
  }

  helper(path: string) {
    return readText(path);
  }
}

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const out = execFileSync("convert", [req.query.file as string]); // expect: JS-SYNC-IN-HANDLER
  res.send(out);
}

export async function POST(request: Request) {
  const { password } = await request.json(); // expect: JS-REQUEST-PARSE-UNGUARDED
  const hash = bcrypt.hashSync(password, 12); // expect: JS-SYNC-IN-HANDLER
  const ready = existsSync("/tmp/ready");
  const copy = fs.readFileSync("/virtual/file");
  return Response.json({ hash, ready, banner, copy });
}

function loadTemplate(name: string): string {
  return readText(`views/${name}.html`, "utf8"); // expect: JS-SYNC-IN-HANDLER
}

const renderPage = (name: string) => loadTemplate(name).replace("{{banner}}", banner);

function loadSettings(): string {
  return readText("settings.json", "utf8");
}

const settings = loadSettings();

export async function GET(request: Request) {
  return new Response(renderPage(new URL(request.url).searchParams.get("page") ?? "home"));
}
