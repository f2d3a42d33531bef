// A software authenticator for tests, in place of a browser: it makes a P-256 (ES256) credential and answers
// creation and request options with the same bytes a real authenticator and browser would send (WebAuthn
// §6.1 authenticator data, "none" attestation, clientDataJSON, a DER ECDSA signature over
// authenticatorData ‖ SHA-256(clientDataJSON)). Options let a test break one thing at a time.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { cose, isoCBOR } from "@simplewebauthn/server/helpers";

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_BE = 0x08;
const FLAG_BS = 0x10;
const FLAG_AT = 0x40;

export interface SoftwarePasskey {
  /** Credential id, base64url. */
  id: string;
  rpID: string;
  /** The user handle from the creation options (base64url). */
  userHandle: string;
  privateKey: KeyObject;
  publicKeyCose: Uint8Array;
  /** The signature counter of the last ceremony. A passkey made with 0 stays at 0, as many do. */
  counter: number;
  backupEligible: boolean;
  backedUp: boolean;
}

export interface CeremonyOptions {
  origin: string;
  /** Defaults to true; false leaves the UV flag off. */
  userVerified?: boolean;
  /** The challenge to answer, instead of the one in the options. */
  challenge?: string;
}

function sha256(data: Uint8Array | string): Buffer {
  return createHash("sha256").update(data).digest();
}

function counterBytes(counter: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(counter);
  return bytes;
}

function clientData(type: "webauthn.create" | "webauthn.get", challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), "utf8");
}

function flagsOf(passkey: SoftwarePasskey, userVerified: boolean, extra = 0): number {
  return (
    FLAG_UP |
    (userVerified ? FLAG_UV : 0) |
    (passkey.backupEligible ? FLAG_BE : 0) |
    (passkey.backedUp ? FLAG_BS : 0) |
    extra
  );
}

function coseKeyOf(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: "jwk" });
  const key = new Map<number, number | Uint8Array>([
    [cose.COSEKEYS.kty, cose.COSEKTY.EC2],
    [cose.COSEKEYS.alg, cose.COSEALG.ES256],
    [cose.COSEKEYS.crv, cose.COSECRV.P256],
    [cose.COSEKEYS.x, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
    [cose.COSEKEYS.y, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
  ]);
  return isoCBOR.encode(key);
}

/** Makes a new credential for `options` and the registration response a browser would send for it. */
export function createPasskey(
  options: PublicKeyCredentialCreationOptionsJSON,
  ceremony: CeremonyOptions & { counter?: number; backupEligible?: boolean; backedUp?: boolean },
): { passkey: SoftwarePasskey; response: RegistrationResponseJSON } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const rpID = options.rp.id ?? new URL(ceremony.origin).hostname;
  const credentialId = randomBytes(32);
  const passkey: SoftwarePasskey = {
    id: credentialId.toString("base64url"),
    rpID,
    userHandle: options.user.id,
    privateKey,
    publicKeyCose: coseKeyOf(publicKey),
    counter: ceremony.counter ?? 0,
    backupEligible: ceremony.backupEligible ?? false,
    backedUp: ceremony.backedUp ?? false,
  };
  return { passkey, response: registrationResponse(passkey, options, ceremony) };
}

/** A registration response for an existing credential (as if the same authenticator registered again). */
export function registrationResponse(
  passkey: SoftwarePasskey,
  options: PublicKeyCredentialCreationOptionsJSON,
  ceremony: CeremonyOptions,
): RegistrationResponseJSON {
  const credentialId = Buffer.from(passkey.id, "base64url");
  const credentialIdLength = Buffer.alloc(2);
  credentialIdLength.writeUInt16BE(credentialId.length);
  const authData = Buffer.concat([
    sha256(passkey.rpID),
    Buffer.from([flagsOf(passkey, ceremony.userVerified ?? true, FLAG_AT)]),
    counterBytes(passkey.counter),
    Buffer.alloc(16), // AAGUID: none, as "none" attestation allows
    credentialIdLength,
    credentialId,
    passkey.publicKeyCose,
  ]);
  const noStatement = new Map<string, never>();
  const attestationObject = isoCBOR.encode(
    new Map<string, string | Uint8Array | Map<string, never>>([
      ["fmt", "none"],
      ["attStmt", noStatement],
      ["authData", new Uint8Array(authData)],
    ]),
  );
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: "public-key",
    authenticatorAttachment: "platform",
    clientExtensionResults: {},
    response: {
      clientDataJSON: clientData("webauthn.create", ceremony.challenge ?? options.challenge, ceremony.origin).toString(
        "base64url",
      ),
      attestationObject: Buffer.from(attestationObject).toString("base64url"),
      transports: ["internal", "hybrid"],
    },
  };
}

/**
 * An assertion for `options`. The counter goes up by one (stays at 0 for a passkey made with 0) unless
 * `counter` is given; `signWith` signs with another key (a forgery).
 */
export function assertPasskey(
  passkey: SoftwarePasskey,
  options: PublicKeyCredentialRequestOptionsJSON,
  ceremony: CeremonyOptions & { counter?: number; signWith?: KeyObject },
): AuthenticationResponseJSON {
  passkey.counter = ceremony.counter ?? (passkey.counter === 0 ? 0 : passkey.counter + 1);
  const authData = Buffer.concat([
    sha256(passkey.rpID),
    Buffer.from([flagsOf(passkey, ceremony.userVerified ?? true)]),
    counterBytes(passkey.counter),
  ]);
  const clientDataJSON = clientData("webauthn.get", ceremony.challenge ?? options.challenge, ceremony.origin);
  const signature = sign(
    "sha256",
    Buffer.concat([authData, sha256(clientDataJSON)]),
    ceremony.signWith ?? passkey.privateKey,
  );
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: "public-key",
    authenticatorAttachment: "platform",
    clientExtensionResults: {},
    response: {
      clientDataJSON: clientDataJSON.toString("base64url"),
      authenticatorData: authData.toString("base64url"),
      signature: signature.toString("base64url"),
      userHandle: passkey.userHandle,
    },
  };
}

/** A fresh P-256 private key, for forging a signature. */
export function otherKey(): KeyObject {
  return generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
}
