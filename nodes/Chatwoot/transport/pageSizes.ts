/** How many rows Chatwoot returns per page: a page shorter than this is the last one. */

/** Contacts come 15 a page (`{meta: {count, current_page}, payload}`). */
export const CONTACTS_PAGE_SIZE = 15;
/** Conversations come 25 a page (`{data: {meta, payload}}`). */
export const CONVERSATIONS_PAGE_SIZE = 25;
/** A conversation's messages come at most 20 a call, newest last; older ones with `before=<id>`. */
export const MESSAGES_PAGE_SIZE = 20;
