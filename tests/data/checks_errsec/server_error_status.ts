import { Injectable, InternalServerErrorException, NotFoundException } from '@nestjs/common';

@Injectable()
export class CouponsService {
  constructor(private readonly coupons: any, private readonly carts: any) {}

  async apply(code: string, cartId: string) {
    const coupon = await this.coupons.findOneBy({ code });
    if (!coupon) {
      throw new NotFoundException('unknown coupon');
    }
    if (coupon.expiresAt < new Date()) {
      throw new InternalServerErrorException('coupon has expired'); // expect: ANY-500-FOR-CLIENT-ERROR
    }
    return this.carts.applyDiscount(cartId, coupon);
  }

  async total(cartId: string) {
    const cart = await this.carts.findOneBy({ id: cartId });
    if (cart.total < 0) {
      throw new InternalServerErrorException('cart total out of range');
    }
    return cart.total;
  }
}

export function registerRoutes(app: any, users: any) {
  app.post('/users', async (req: any, res: any) => {
    const taken = await users.exists(req.body.email);
    if (taken) return res.status(500).json({ error: 'email already taken' }); // expect: ANY-500-FOR-CLIENT-ERROR
    const user = await users.create({ email: req.body.email });
    if (!user.ok) return res.status(500).json({ error: 'could not create the user' });
    return res.status(201).json(user);
  });
}
