// want: JS-JWT-UNVERIFIED
const { decodeJwt } = require("jose");
const { User } = require("../models");

module.exports = async function authenticate(ctx, next) {
  const token = (ctx.get("Authorization") || "").replace(/^Bearer /, "");
  if (!token) ctx.throw(401);
  const claims = decodeJwt(token);
  ctx.state.user = await User.findByPk(claims.sub);
  if (!ctx.state.user) ctx.throw(401);
  await next();
};
