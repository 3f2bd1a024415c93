/** The URL a fake `fetch` was asked for, whichever form `input` took (a Request stringifies as "[object Request]"). */
export const urlOf = (input: RequestInfo | URL): string => (input instanceof Request ? input.url : String(input));
