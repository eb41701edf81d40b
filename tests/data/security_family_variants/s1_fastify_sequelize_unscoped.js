// want: JS-LOOKUP-IGNORES-CALLER
const { Order } = require("../models");

module.exports = async function orders(fastify) {
  fastify.addHook("onRequest", fastify.authenticate);

  fastify.get("/orders/:id", async (request, reply) => {
    const order = await Order.findOne({ where: { id: request.params.id, userId: request.user.id } });
    if (!order) return reply.code(404).send();
    return order;
  });

  fastify.post("/orders/:id/cancel", async (request, reply) => {
    const order = await Order.findByPk(request.params.id);
    if (!order) return reply.code(404).send();
    await order.update({ status: "cancelled" });
    return order;
  });
};
