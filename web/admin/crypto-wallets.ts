/** A wallet as the revenue settings keep it. */
export interface CryptoWallet {
  label: string;
  address: string;
}

/** One wallet a line, "label address": the address is the last word, the label all before it. */
export function walletsToText(wallets: readonly CryptoWallet[] | undefined): string {
  return (wallets ?? []).map((w) => `${w.label} ${w.address}`).join("\n");
}

/** Reads the lines back; a line of one word is an address without a label, kept for the server to refuse. */
export function textToWallets(text: string): CryptoWallet[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const cut = line.search(/\s\S+$/);
      return cut === -1
        ? { label: "", address: line }
        : { label: line.slice(0, cut).trim(), address: line.slice(cut).trim() };
    });
}
