/**
 * Ten repeat buyers (the models' minimum) and four one-time buyers over five months of 2024: the
 * CLV models fit, warn, and a bootstrap resample often has fewer than ten repeat buyers.
 */
export function fewRepeatBuyersCsv(): string {
  const days = ['2024-01-05', '2024-01-20', '2024-02-11', '2024-03-02', '2024-03-25', '2024-04-14', '2024-05-09', '2024-05-30'];
  const rows = ['customer_id,date,amount'];
  for (let c = 0; c < 10; c++) for (let d = 0; d < 2 + (c % 3); d++) rows.push(`R${c},${days[(c + d * 3) % 8]},${20 + c + d}.00`);
  for (let c = 0; c < 4; c++) rows.push(`O${c},${days[c]},15.00`);
  return `${rows.join('\n')}\n`;
}
