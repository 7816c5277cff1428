export type PageId = 'users' | 'accounts';

const STORAGE_KEY = 'profile-desk.page';

export function initialPage(): PageId {
  try {
    return sessionStorage.getItem(STORAGE_KEY) === 'accounts' ? 'accounts' : 'users';
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
