/** Credentials as stored: AES-256-GCM ciphertext with its IV and the id of the master key that sealed it. */
export interface EncryptedBlob {
  /** Which master key sealed it (for rotation). */
  keyId: string;
  /** base64 12-byte IV, random per write. */
  iv: string;
  /** base64 ciphertext + GCM tag. */
  ciphertext: string;
}
