// Fixture for JS-ROUTE-NO-AUTH on NestJS controllers (written for persona-review).
import { Body, Controller, Delete, Get, Param, Patch, Post, UseGuards } from '@nestjs/common';

@Controller('admin/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @UseGuards(JwtAuthGuard)
  list() {
    return this.products.all();
  }

  @Post()
  @UseGuards(JwtAuthGuard, RolesGuard)
  @Roles('admin')
  create(@Body() dto: CreateProductDto) {
    return this.products.create(dto);
  }

  @Patch(':id')
  @UseGuards(JwtAuthGuard)
  update(@Param('id') id: string, @Body() dto: UpdateProductDto) {
    return this.products.update(id, dto);
  }

  @Delete(':id')
  remove( // expect: JS-ROUTE-NO-AUTH
    @Param('id') id: string,
  ) {
    return this.products.remove(id);
  }
}

// A class-level guard guards every method.
@UseGuards(JwtAuthGuard)
@Controller('carts')
export class CartsController {
  @Post()
  @Roles('customer')
  add(@Body() item: CartItem) {
    return item;
  }

  @Post('checkout')
  @Roles('customer')
  checkout() {
    return true;
  }

  @Delete(':id')
  clear(@Param('id') id: string) {
    return id;
  }
}

// `@Public()` opt-outs mean a global guard: the undecorated methods are guarded by it.
@Controller('reviews')
export class ReviewsController {
  @Public()
  @Get()
  list() {
    return [];
  }

  @Post()
  @Roles('moderator')
  approve() {
    return true;
  }

  @Patch(':id')
  @Roles('moderator')
  edit() {
    return true;
  }

  @Delete(':id')
  drop() {
    return true;
  }
}
