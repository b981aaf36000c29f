/** Account plans: their lifecycle and the service that changes them in transactions, writing a revision each time. */
package io.parley.plan;
