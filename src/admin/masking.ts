/** All but the last `visible` characters become bullets, so the full value never reaches the page. */
function maskAllBut(value: string, visible: number): string {
  const shown = Math.min(visible, Math.floor(value.length / 2));
  return '•'.repeat(Math.max(value.length - shown, 4)) + value.slice(value.length - shown);
}

export function maskPhone(phone: string): string {
  return maskAllBut(phone, 4);
}

export function maskNationalId(nationalId: string): string {
  return maskAllBut(nationalId, 4);
}
