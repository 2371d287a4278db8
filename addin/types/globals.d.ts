// The root tsconfig limits `types` to node and jest; the add-in also needs Office.js's globals.
/// <reference types="office-js" />
