// clean: JS-JWT-UNVERIFIED
// path: src/auth/bearer.ts
import Boom from "@hapi/boom";
import type { Request } from "@hapi/hapi";
import jwt from "jsonwebtoken";

const PUBLIC_KEY = process.env.JWT_PUBLIC_KEY as string;

export function validateBearer(request: Request): { userId: string; scope: string[] } {
  const header = request.headers.authorization ?? "";
  const token = header.replace(/^Bearer /, "");
  try {
    const claims = jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"], audience: "api" }) as jwt.JwtPayload;
    return { userId: String(claims.sub), scope: (claims.scope as string)?.split(" ") ?? [] };
  } catch {
    throw Boom.unauthorized("invalid token");
  }
}
