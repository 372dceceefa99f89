/** Tokens and money: {@link io.agent4j.usage.PriceTable} turns usage into US dollars. */
package io.agent4j.usage;
