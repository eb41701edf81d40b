// Fixture for JS-ROUTE-NO-AUTH (written for persona-review): routes of one router lacking the guard most
// of their siblings carry. `// expect: ID` marks a finding; everything else must stay quiet.
const express = require('express');
const { requireAuth, isAdmin } = require('./middleware/session');

const orders = express.Router();
orders.get('/', requireAuth, listOrders);
orders.post('/', requireAuth, createOrder);
orders.put('/:id', [requireAuth, validateOrder], updateOrder);
orders.delete('/:id', async (req, res) => { // expect: JS-ROUTE-NO-AUTH, JS-ASYNC-HANDLER-REJECTION
  await removeOrder(req.params.id);
  res.sendStatus(204);
});
orders.get('/:id/receipt', receipt); // a read: not reported
orders.post('/webhook', verifyStripe, stripeHook); // public by nature
orders.post('/checkout/callback', paymentCallback); // public by nature

// A router guarded once with `.use` guards every later route.
const billing = express.Router();
billing.use(requireAuth);
billing.post('/invoices', createInvoice);
billing.delete('/invoices/:id', deleteInvoice);
billing.get('/invoices', requireAuth, listInvoices);

// Admin routes chained on `.route()`: the bare DELETE is the odd one out.
const admin = express.Router();
admin.route('/users').get(requireAuth, isAdmin, listUsers).post(requireAuth, isAdmin, createUser);
admin.route('/users/:id').put(requireAuth, isAdmin, updateUser).delete(deleteUser); // expect: JS-ROUTE-NO-AUTH

// A router where few routes carry a guard: no pattern to break, nothing reported.
const pages = express.Router();
pages.get('/', home);
pages.post('/contact', sendContact);
pages.post('/newsletter', subscribe);
pages.get('/account', requireAuth, account);

// A guard on a path prefix guards only the routes registered after it: the export above it is open.
const backoffice = express.Router();
backoffice.get('/backoffice/ledger.csv', exportLedger); // expect: JS-ROUTE-NO-AUTH
backoffice.post('/backoffice/login', signIn); // public by nature: above the guard on purpose
backoffice.use('/backoffice', requireAuth, isAdmin);
backoffice.get('/backoffice/accounts', listAccounts);

// An HTTP client is not a router.
axios.post('/api/orders', payload, requireAuthHeaders);

module.exports = { orders, billing, admin, pages, backoffice };
