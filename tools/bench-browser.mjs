// Browser figures for `make bench` (filled in as the features land).
export async function measure() {
  return [];
}
