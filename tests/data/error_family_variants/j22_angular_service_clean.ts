// clean: JS-ASYNC-NOT-AWAITED
import { Component } from '@angular/core';

@Component({ selector: 'app-cart', templateUrl: './cart.component.html' })
export class CartComponent {
  constructor(private readonly cartService: CartService) {}

  async onCheckout(): Promise<void> {
    this.cartService.saveDraft(this.items);
    await this.router.navigate(['/checkout']);
  }
}
