/** The Salesforce source kind: the connector, the OAuth web-server flow helpers, HTTP settings. */
export { openSalesforce } from './connector';
export { finishSalesforceOAuth, startSalesforceOAuth, type SalesforceOAuthStart, type SalesforceOAuthTokens } from './oauth';
export { configureSalesforceHttp, type SalesforceHttpOptions } from './http';
