export const PAGE_IDS = ['users', 'accounts', 'segments', 'analytics', 'integrations'] as const;
export type PageId = (typeof PAGE_IDS)[number];

const STORAGE_KEY = 'profile-desk.page';

export function initialPage(): PageId {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return PAGE_IDS.find((id) => id === stored) ?? 'users';
  } catch {
    return 'users';
  }
}

export function rememberPage(page: PageId): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, page);
  } catch {
    // Not remembering the page is harmless.
  }
}
